export { simulate } from './simulation';
export type { SimulationResult, SimulationSettings, Outcomes } from './simulation';
export { planSimulation } from './plan';
export type { PlanOptions, PlannedCustomer, SimulationPlan } from './plan';
export type { Step } from './fraud-patterns';
export { scoreRules, matches } from './scoring';
export type { Injection, RaisedAlert, RuleScore } from './scoring';
export { renderScores } from './report-table';
export { CannotRunError } from './cannot-run.error';
