// A fixture: custom filters are JavaScript that policywatch cannot run.
export function removeSessionIds(document) {}
