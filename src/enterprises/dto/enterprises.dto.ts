import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageQuery } from '../../common/paging';
import { IdField } from '../../common/validation/decorators';
import { LEAVE_LEVELS, type LeaveLevel } from '../../patients/leave';
import { ENTERPRISE_KINDS, ENTERPRISE_STATUSES, LOCATION_ZONES, type EnterpriseKind, type EnterpriseStatus, type LocationZone } from '../enterprise.types';
import { LowerCaseIds, NotNullIfPresent, NullableTextField, QueryBoolean, TextField } from './fields';

const blankToNull = Transform(({ value }) => (value === '' ? null : value));

const MINIMUM_LEAVE_DOC =
  'The least section 17 leave a patient needs to work here. Defaults to the zone minimum (WARD: NONE, GROUNDS: ESCORTED_GROUNDS, COMMUNITY: ESCORTED_COMMUNITY); may be higher, never lower (422 MINIMUM_LEAVE_BELOW_ZONE).';

export class CreateEnterpriseDto {
  @TextField('a name', 120, { example: 'Riverside Café' }) name: string;

  @ApiProperty({ enum: ENTERPRISE_KINDS })
  @IsIn(ENTERPRISE_KINDS, { message: 'Choose the kind of enterprise' })
  kind: EnterpriseKind;

  @TextField('the hospital business need it meets', 2000, { description: 'The hospital business need the enterprise meets', example: 'Hot drinks and snacks for visitors and staff' })
  businessNeed: string;

  @IdField('siteId') @LowerCaseIds() siteId: string;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'The ward it works on, if any (must be on the site)' })
  @blankToNull @LowerCaseIds() @IsOptional() @IsUUID('all', { message: 'Choose a ward' })
  wardId?: string | null;

  @ApiProperty({ enum: LOCATION_ZONES, description: 'Where the work happens' })
  @IsIn(LOCATION_ZONES, { message: 'Choose where the work happens' })
  locationZone: LocationZone;

  @ApiPropertyOptional({ enum: LEAVE_LEVELS, nullable: true, description: MINIMUM_LEAVE_DOC })
  @blankToNull @IsOptional() @IsIn(LEAVE_LEVELS, { message: 'Choose a leave level' })
  minimumLeave?: LeaveLevel | null;

  @TextField('a reference name', 120, {
    description: 'The name used on references and credentials instead of the hospital, so a patient need not disclose a forensic setting',
    example: 'Riverside Community Café',
  })
  referenceName: string;

  @NullableTextField('Opening times', 500, 'e.g. "Mon-Fri 10:00-15:00"') openingTimes?: string | null;

  @ApiPropertyOptional({ enum: ENTERPRISE_STATUSES, default: 'ACTIVE' })
  @NotNullIfPresent() @IsIn(ENTERPRISE_STATUSES, { message: 'Choose a status' })
  status?: EnterpriseStatus;

  @ApiPropertyOptional({ type: [String], description: 'Users with the ENTERPRISE_LEAD role who lead it' })
  @LowerCaseIds() @IsOptional() @IsArray() @ArrayMaxSize(20) @IsUUID('all', { each: true, message: 'leadUserIds must be user ids' })
  leadUserIds?: string[];
}

/** What a lead (or an admin) may change. Site and leads are not here: see PUT /api/enterprises/:id/leads. */
export class UpdateEnterpriseDto {
  @TextField('a name', 120, { optional: true }) name?: string;

  @ApiPropertyOptional({ enum: ENTERPRISE_KINDS })
  @NotNullIfPresent() @IsIn(ENTERPRISE_KINDS, { message: 'Choose the kind of enterprise' })
  kind?: EnterpriseKind;

  @TextField('the hospital business need it meets', 2000, { optional: true }) businessNeed?: string;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'null: no ward' })
  @blankToNull @LowerCaseIds() @IsOptional() @IsUUID('all', { message: 'Choose a ward' })
  wardId?: string | null;

  @ApiPropertyOptional({ enum: LOCATION_ZONES, description: 'When the zone changes and minimumLeave is not given, the current minimum is kept, raised to the new zone minimum if needed' })
  @NotNullIfPresent() @IsIn(LOCATION_ZONES, { message: 'Choose where the work happens' })
  locationZone?: LocationZone;

  @ApiPropertyOptional({ enum: LEAVE_LEVELS, nullable: true, description: MINIMUM_LEAVE_DOC + ' null resets it to the zone minimum.' })
  @blankToNull @IsOptional() @IsIn(LEAVE_LEVELS, { message: 'Choose a leave level' })
  minimumLeave?: LeaveLevel | null;

  @TextField('a reference name', 120, { optional: true }) referenceName?: string;

  @NullableTextField('Opening times', 500) openingTimes?: string | null;

  @ApiPropertyOptional({ enum: ENTERPRISE_STATUSES })
  @NotNullIfPresent() @IsIn(ENTERPRISE_STATUSES, { message: 'Choose a status' })
  status?: EnterpriseStatus;
}

export class EnterpriseLeadsDto {
  @ApiProperty({ type: [String], description: 'The complete set of leads (users with the ENTERPRISE_LEAD role); [] for none' })
  @LowerCaseIds() @IsArray() @ArrayMaxSize(20) @IsUUID('all', { each: true, message: 'userIds must be user ids' })
  userIds: string[];
}

export class EnterpriseQueryDto extends PageQuery {
  @ApiPropertyOptional({ enum: ENTERPRISE_STATUSES })
  @IsOptional() @IsIn(ENTERPRISE_STATUSES, { message: `status must be one of ${ENTERPRISE_STATUSES.join(', ')}` })
  status?: EnterpriseStatus;

  @QueryBoolean('mine', 'Only enterprises the caller leads') mine?: boolean;
}

export class EnterpriseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ENTERPRISE_KINDS }) kind: EnterpriseKind;
  @ApiProperty({ description: 'The hospital business need it meets' }) businessNeed: string;
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) wardId: string | null;
  @ApiProperty({ enum: LOCATION_ZONES }) locationZone: LocationZone;
  @ApiProperty({ enum: LEAVE_LEVELS }) minimumLeave: LeaveLevel;
  @ApiProperty({ description: 'Shown on references and credentials instead of the hospital' }) referenceName: string;
  @ApiProperty({ type: String, nullable: true }) openingTimes: string | null;
  @ApiProperty({ enum: ENTERPRISE_STATUSES }) status: EnterpriseStatus;
  @ApiProperty({ type: [String], description: 'User ids of its leads, sorted' }) leadUserIds: string[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class EnterprisePageDto {
  @ApiProperty({ type: [EnterpriseDto] }) items: EnterpriseDto[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}
