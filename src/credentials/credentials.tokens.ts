/** The validated credentials configuration (CredentialsConfig), provided by CredentialsModule. */
export const CREDENTIALS_CONFIG = Symbol('CREDENTIALS_CONFIG');
