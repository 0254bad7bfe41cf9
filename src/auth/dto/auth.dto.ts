import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { ROLES, type Role } from '../../users/roles';

export class TokenRequestDto {
  @ApiProperty({ example: 'ot' }) @IsString() @MinLength(1) @MaxLength(64) username: string;
  @ApiProperty({ example: 'wardworks-demo' }) @IsString() @MinLength(1) @MaxLength(256) password: string;
}

export class TokenResponseDto {
  @ApiProperty({ description: 'Send as "Authorization: Bearer <accessToken>"' }) accessToken: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
  @ApiProperty({ enum: ['Bearer'] }) tokenType: 'Bearer';
}

export class MeDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() username: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty() displayName: string;
  @ApiProperty({ type: [String], description: 'Wards the user is assigned to' }) wardIds: string[];
  @ApiProperty({ type: String, nullable: true, description: 'The linked patient record (PATIENT users)' }) patientId: string | null;
  @ApiProperty({ description: 'A temporary password must be changed before anything else' }) mustChangePassword: boolean;
}

export class ChangePasswordDto {
  @ApiProperty() @IsString() @MaxLength(256) currentPassword: string;
  @ApiProperty({ description: 'At least 12 characters; common passwords are refused' }) @IsString() @MaxLength(256) newPassword: string;
}

export class SignInFormDto {
  @IsString() @MinLength(1, { message: 'Enter your username' }) @MaxLength(64) username: string;
  @IsString() @MinLength(1, { message: 'Enter your password' }) @MaxLength(256) password: string;
}

export class ChangePasswordFormDto {
  @IsString() @MinLength(1, { message: 'Enter your current password' }) @MaxLength(256) currentPassword: string;
  @IsString() @MinLength(1, { message: 'Enter a new password' }) @MaxLength(256) newPassword: string;
  @IsString() @MaxLength(256) confirmPassword: string;
}
