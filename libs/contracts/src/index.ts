export * from './policy';
export * from './fraud-guard';
export * from './policy-validation';
export * from './iso-countries';
export * from './reason-codes';
export * from './activity';
export * from './tokens';
export * from './admin';
