export { SCENARIOS, scenarioNamed } from './scenarios';
export type { Scenario } from './scenarios';
export { runScenario, passed } from './run-scenario';
export type { RoundResult, ScenarioResult, RunOptions } from './run-scenario';
export { renderScenario } from './report-table';
