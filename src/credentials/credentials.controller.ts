import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { PublicThrottle } from '../auth/sign-in-throttle';
import { CurrentUser, Public, Roles } from '../common/auth-decorators';
import { pageOf } from '../common/paging';
import type { AuthUser } from '../common/request-context';
import { ParseIdPipe } from '../common/validation/parse-id.pipe';
import { CREDENTIAL_ISSUER_ROLES, CREDENTIAL_READER_ROLES, CREDENTIAL_REVOKER_ROLES, CredentialsService } from './credentials.service';
import {
  CredentialDto,
  CredentialPageDto,
  CredentialQueryDto,
  CredentialStatusDto,
  IssueCredentialDto,
  IssuedCredentialDto,
  IssuerProfileDto,
  RevokeCredentialDto,
  SigningKeysDto,
} from './dto/credentials.dto';

@ApiTags('credentials')
@ApiBearerAuth()
@Controller('api/credentials')
export class CredentialsController {
  constructor(private readonly credentials: CredentialsService) {}

  @Post()
  @Roles('PATIENT', ...CREDENTIAL_ISSUER_ROLES)
  @ApiOperation({ summary: 'Issue an Open Badges 3.0 credential (VC-JWT, EdDSA) for a verified skill log entry at COMPETENT or above; staff for patients in scope, a patient for their own entries' })
  @ApiCreatedResponse({ type: IssuedCredentialDto })
  @ApiUnprocessableEntityResponse({ description: 'CREDENTIAL_NOT_ELIGIBLE: not verified, or below COMPETENT' })
  @ApiConflictResponse({ description: 'CREDENTIAL_EXISTS: the entry already has an active credential (details[0].credentialId)' })
  issue(@CurrentUser() user: AuthUser, @Body() body: IssueCredentialDto): Promise<IssuedCredentialDto> {
    return this.credentials.issue(user, body.skillLogId);
  }

  @Get()
  @Roles('PATIENT', ...CREDENTIAL_READER_ROLES)
  @ApiOperation({ summary: 'Credentials in your scope, newest first (a patient: their own). Each read is audited' })
  @ApiOkResponse({ type: CredentialPageDto })
  list(@CurrentUser() user: AuthUser, @Query() q: CredentialQueryDto): Promise<CredentialPageDto> {
    return this.credentials.list(user, { ...pageOf(q), patientId: q.patientId, status: q.status });
  }

  @Get(':id')
  @Roles('PATIENT', ...CREDENTIAL_READER_ROLES)
  @ApiOperation({ summary: 'One credential with its JWT and JSON' })
  @ApiOkResponse({ type: CredentialDto })
  get(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string): Promise<CredentialDto> {
    return this.credentials.get(user, id);
  }

  @Get(':id/status')
  @Public() // an employer checks a credential they were given, without an account; rate-limited
  @PublicThrottle()
  @ApiOperation({ summary: 'Public: whether a credential is ACTIVE or REVOKED (and when), nothing else' })
  @ApiOkResponse({ type: CredentialStatusDto })
  async status(@Param('id', ParseIdPipe) id: string, @Res({ passthrough: true }) res: Response): Promise<CredentialStatusDto> {
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('X-Robots-Tag', 'noindex');
    res.setHeader('Access-Control-Allow-Origin', '*');
    return this.credentials.status(id);
  }

  @Get(':id/jwt')
  @Roles('PATIENT', ...CREDENTIAL_READER_ROLES)
  @ApiOperation({ summary: 'Download the signed credential as a .jwt file' })
  @ApiProduces('application/jwt')
  async downloadJwt(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Res() res: Response): Promise<void> {
    const c = await this.credentials.get(user, id, 'credential.download');
    res.setHeader('Content-Type', 'application/jwt');
    res.setHeader('Content-Disposition', `attachment; filename="credential-${id}.jwt"`);
    res.setHeader('Cache-Control', 'no-store');
    res.send(c.jwt);
  }

  @Get(':id/json')
  @Roles('PATIENT', ...CREDENTIAL_READER_ROLES)
  @ApiOperation({ summary: 'Download the credential (Open Badges 3.0 JSON) as a .json file' })
  @ApiProduces('application/json')
  async downloadJson(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Res() res: Response): Promise<void> {
    const c = await this.credentials.get(user, id, 'credential.download');
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="credential-${id}.json"`);
    res.setHeader('Cache-Control', 'no-store');
    res.send(JSON.stringify(c.credential, null, 2) + '\n');
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @Roles(...CREDENTIAL_REVOKER_ROLES)
  @ApiOperation({ summary: 'Revoke a credential with a reason (kept, not published); its status then answers REVOKED' })
  @ApiOkResponse({ type: CredentialDto })
  revoke(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: RevokeCredentialDto): Promise<CredentialDto> {
    return this.credentials.revoke(user, id, body.reason);
  }
}

/** Public issuer profiles (the credential's issuer.id) and the admin's signing keys. */
@ApiTags('credentials')
@Controller('api')
export class IssuersController {
  constructor(private readonly credentials: CredentialsService) {}

  @Get('issuers/:key')
  @Public() // issuer.id in every credential points here, for anyone checking one; rate-limited
  @PublicThrottle()
  @ApiOperation({ summary: 'Public: an issuer profile (Open Badges 3.0 Profile): "default" or an enterprise, named by its reference name' })
  @ApiOkResponse({ type: IssuerProfileDto })
  async issuer(@Param('key') key: string, @Res({ passthrough: true }) res: Response): Promise<IssuerProfileDto> {
    res.setHeader('Cache-Control', 'public, max-age=3600');
    return this.credentials.issuerProfile(key);
  }

  @Get('signing-keys')
  @ApiBearerAuth()
  @Roles('ADMIN')
  @ApiOperation({ summary: 'The credential signing keys (ids and dates only) and where they come from' })
  @ApiOkResponse({ type: SigningKeysDto })
  signingKeys(): Promise<SigningKeysDto> {
    return this.credentials.signingKeys();
  }

  @Post('signing-keys/rotate')
  @ApiBearerAuth()
  @Roles('ADMIN')
  @ApiOperation({ summary: 'Add a new signing key (it signs from now on); older keys stay published so earlier credentials still verify. 409 KEYS_FROM_ENVIRONMENT when keys come from WARDWORKS_SIGNING_KEYS' })
  @ApiCreatedResponse({ type: SigningKeysDto })
  rotate(): Promise<SigningKeysDto> {
    return this.credentials.rotateSigningKey();
  }
}
