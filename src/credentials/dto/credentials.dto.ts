import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { PageQuery } from '../../common/paging';
import { IdField } from '../../common/validation/decorators';
import { SKILL_LEVELS, type SkillLevel } from '../../skills/skills.types';
import { CREDENTIAL_STATUSES, type CredentialStatus } from '../credential.entity';

export class IssueCredentialDto {
  @IdField('Skill log entry') skillLogId: string;
}

export class RevokeCredentialDto {
  @ApiProperty({ maxLength: 500, description: 'Why it is revoked (kept in the record; not published)' })
  @IsString({ message: 'Give a reason' })
  @Length(1, 500, { message: (a) => (typeof a.value === 'string' && a.value.trim() ? 'Write 500 characters or fewer' : 'Give a reason') })
  reason: string;
}

export class CredentialQueryDto extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only this patient’s credentials (a patient sees only their own anyway)' })
  @IsOptional() @IsUUID('all', { message: 'patientId must be an id (UUID)' })
  patientId?: string;

  @ApiPropertyOptional({ enum: CREDENTIAL_STATUSES })
  @IsOptional() @IsIn(CREDENTIAL_STATUSES)
  status?: CredentialStatus;
}

export class CredentialSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) patientId: string;
  @ApiProperty({ format: 'uuid' }) skillLogId: string;
  @ApiProperty({ enum: CREDENTIAL_STATUSES }) status: CredentialStatus;
  @ApiProperty({ description: 'The credential’s name, e.g. "Barista — Competent"' }) name: string;
  @ApiProperty() skillName: string;
  @ApiProperty({ enum: SKILL_LEVELS }) level: SkillLevel;
  @ApiProperty({ description: 'The issuer named in the credential (an enterprise’s reference name, never the hospital)' }) issuerName: string;
  @ApiProperty({ description: 'kid of the signing key (JWK thumbprint)' }) keyId: string;
  @ApiProperty({ format: 'date-time' }) issuedAt: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) validUntil: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) revokedAt: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Staff and the patient only; never published' }) revokedReason?: string | null;
}

export class CredentialPageDto {
  @ApiProperty({ type: [CredentialSummaryDto] }) items: CredentialSummaryDto[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}

export class CredentialDto extends CredentialSummaryDto {
  @ApiProperty({ description: 'The signed credential: a VC-JWT (compact JWS, EdDSA)' }) jwt: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The Open Badges 3.0 OpenBadgeCredential as signed (the JWT payload without its JWT claims)' })
  credential: Record<string, unknown>;
}

/** The binding answer of POST /api/credentials. */
export class IssuedCredentialDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'The signed credential: a VC-JWT (compact JWS, EdDSA)' }) jwt: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The Open Badges 3.0 OpenBadgeCredential' }) credential: Record<string, unknown>;
}

export class CredentialStatusDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: CREDENTIAL_STATUSES }) status: CredentialStatus;
  @ApiPropertyOptional({ format: 'date-time' }) revokedAt?: string;
}

export class PublicJwkDto {
  @ApiProperty({ example: 'OKP' }) kty: string;
  @ApiProperty({ example: 'Ed25519' }) crv: string;
  @ApiProperty() x: string;
  @ApiProperty({ description: 'RFC 7638 JWK thumbprint' }) kid: string;
  @ApiProperty({ example: 'EdDSA' }) alg: string;
  @ApiProperty({ example: 'sig' }) use: string;
}

export class JwksDto {
  @ApiProperty({ type: [PublicJwkDto] }) keys: PublicJwkDto[];
}

export class SigningKeyInfoDto {
  @ApiProperty() kid: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ description: 'True for the key that signs new credentials (the newest)' }) signing: boolean;
}

export class SigningKeysDto {
  @ApiProperty({ enum: ['environment', 'file'] }) source: 'environment' | 'file';
  @ApiProperty({ type: [SigningKeyInfoDto] }) keys: SigningKeyInfoDto[];
}

export class IssuerProfileDto {
  @ApiProperty({ type: [String] }) '@context': string[];
  @ApiProperty() id: string;
  @ApiProperty({ type: [String], example: ['Profile'] }) type: string[];
  @ApiProperty() name: string;
}

/** A verified skill log entry that can become a credential (for the pages). */
export interface EligibleSkillLog {
  id: string;
  skillName: string;
  level: SkillLevel;
  occurredOn: string;
  evidence: string;
}
