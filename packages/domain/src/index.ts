export { ROLES } from './actor';
export type { Actor, Role } from './actor';
export { DomainError } from './domain-error';
export type { DomainErrorDetails, DomainErrorKind, FieldError } from './domain-error';
export { isUuid } from './uuid';
