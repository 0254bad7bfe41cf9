import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { PatientsModule } from '../patients/patients.module';
import { CredentialsController, IssuersController } from './credentials.controller';
import { CredentialsPagesController } from './credentials.pages.controller';
import { CredentialsService } from './credentials.service';
import { CREDENTIALS_CONFIG } from './credentials.tokens';
import { credentialsConfigOf, type CredentialsConfig } from './credentials-config';
import { JwksController } from './jwks.controller';
import { SigningKeyStore } from './signing-keys';

/**
 * Open Badges 3.0 credentials for verified skills, signed as VC-JWTs with an Ed25519 key kept
 * outside the database (see signing-keys.ts); the public keys at /.well-known/jwks.json.
 */
@Module({
  imports: [PatientsModule],
  controllers: [CredentialsController, IssuersController, JwksController, CredentialsPagesController],
  providers: [
    { provide: CREDENTIALS_CONFIG, inject: [APP_CONFIG], useFactory: (app: AppConfig) => credentialsConfigOf(app) },
    // Made (or read) at start, so a bad key or key directory stops the app before it serves.
    { provide: SigningKeyStore, inject: [CREDENTIALS_CONFIG], useFactory: (config: CredentialsConfig) => SigningKeyStore.open(config) },
    CredentialsService,
  ],
  exports: [CredentialsService],
})
export class CredentialsModule {}
