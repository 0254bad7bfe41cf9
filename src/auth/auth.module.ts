import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { UnitOfWork } from '../database/unit-of-work';
import { UsersRepository } from '../users/users.repository';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthPagesController } from './auth.pages.controller';
import { AuthService } from './auth.service';
import { CredentialsRepository } from './credentials.repository';
import { DbThrottlerStorage } from './db-throttler.storage';
import { PasswordService } from './password.service';
import { PrincipalCache } from './principal-cache';

@Global()
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [UnitOfWork],
      useFactory: (uow: UnitOfWork) => ({ throttlers: [{ name: 'default', ttl: 60_000, limit: 60 }], storage: new DbThrottlerStorage(uow) }),
    }),
  ],
  controllers: [AuthController, AuthPagesController],
  providers: [PasswordService, UsersRepository, CredentialsRepository, PrincipalCache, AuthService, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [PasswordService, UsersRepository, CredentialsRepository, AuthService],
})
export class AuthModule {}
