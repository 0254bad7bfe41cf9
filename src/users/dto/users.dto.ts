import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { PageQuery } from '../../common/paging';
import { ROLES, type Role } from '../roles';

export class CreateUserDto {
  @ApiProperty({ example: 'jbloggs', description: 'Lower-case letters, digits, dot, dash or underscore' })
  @IsString() @Matches(/^[a-z0-9._-]{2,64}$/, { message: 'username must be 2-64 lower-case letters, digits, dots, dashes or underscores' })
  username: string;

  @ApiProperty({ example: 'Jo Bloggs' }) @IsString() @MinLength(1) @MaxLength(120) displayName: string;

  @ApiProperty({ enum: ROLES }) @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` }) role: Role;

  @ApiPropertyOptional({ description: 'Initial password; when absent a temporary one is generated and returned once' })
  @IsOptional() @IsString() @MaxLength(256)
  password?: string;

  @ApiPropertyOptional({ type: [String], description: 'Wards a staff member works on' })
  @IsOptional() @IsArray() @ArrayMaxSize(100) @IsUUID('all', { each: true })
  wardIds?: string[];

  @ApiPropertyOptional({ format: 'uuid', description: 'The patient record a PATIENT user is linked to' })
  @IsOptional() @IsUUID('all')
  patientId?: string;
}

export class UpdateUserDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(120) displayName?: string;
  @ApiPropertyOptional({ enum: ROLES }) @IsOptional() @IsIn(ROLES) role?: Role;
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @ArrayMaxSize(100) @IsUUID('all', { each: true }) wardIds?: string[];
}

export class UserQueryDto extends PageQuery {
  @ApiPropertyOptional({ enum: ROLES }) @IsOptional() @IsIn(ROLES) role?: Role;
  @ApiPropertyOptional({ description: 'Search username or name' }) @IsOptional() @IsString() @MaxLength(64)
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  q?: string;
}

export class UserDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty() active: boolean;
  @ApiProperty({ type: [String] }) wardIds: string[];
  @ApiProperty({ type: String, nullable: true }) patientId: string | null;
  @ApiProperty() mustChangePassword: boolean;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) lockedUntil: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) lastSignInAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class UserPageDto {
  @ApiProperty({ type: [UserDto] }) items: UserDto[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}

export class CreatedUserDto {
  @ApiProperty({ type: UserDto }) user: UserDto;
  @ApiPropertyOptional({ description: 'The generated temporary password, shown once' }) temporaryPassword?: string;
}

export class PasswordResetDto {
  @ApiProperty({ description: 'Temporary password, shown once; the user must change it at next sign-in' }) temporaryPassword: string;
}
