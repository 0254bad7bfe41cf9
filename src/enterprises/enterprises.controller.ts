import { Body, Controller, Get, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/auth-decorators';
import { pageOf } from '../common/paging';
import type { AuthUser } from '../common/request-context';
import { ParseIdPipe } from '../common/validation/parse-id.pipe';
import type { Role } from '../users/roles';
import { CreateEnterpriseDto, EnterpriseDto, EnterpriseLeadsDto, EnterprisePageDto, EnterpriseQueryDto, UpdateEnterpriseDto } from './dto/enterprises.dto';
import { EnterprisesService } from './enterprises.service';

/** Enterprises are the hospital's businesses, not patient data: every staff role and commissioners read them. */
export const ENTERPRISE_READERS: Role[] = ['ADMIN', 'OT', 'ENTERPRISE_LEAD', 'WARD_STAFF', 'EMPLOYMENT_SPECIALIST', 'COMMISSIONER'];

@ApiTags('enterprises')
@ApiBearerAuth()
@Controller('api/enterprises')
export class EnterprisesController {
  constructor(private readonly enterprises: EnterprisesService) {}

  @Get()
  @Roles(...ENTERPRISE_READERS)
  @ApiOperation({ summary: 'Enterprises, by name; ?status= filters, ?mine=true keeps those the caller leads' })
  @ApiOkResponse({ type: EnterprisePageDto })
  list(@CurrentUser() user: AuthUser, @Query() q: EnterpriseQueryDto): Promise<EnterprisePageDto> {
    return this.enterprises.list(user, { ...pageOf(q), status: q.status, mine: q.mine });
  }

  @Get(':id')
  @Roles(...ENTERPRISE_READERS)
  @ApiOperation({ summary: 'One enterprise' })
  @ApiOkResponse({ type: EnterpriseDto })
  get(@Param('id', ParseIdPipe) id: string): Promise<EnterpriseDto> {
    return this.enterprises.get(id);
  }

  @Post()
  @Roles('ADMIN')
  @ApiOperation({ summary: 'Create an enterprise (admin); minimumLeave defaults to the zone minimum and may not be lower' })
  @ApiCreatedResponse({ type: EnterpriseDto })
  create(@CurrentUser() user: AuthUser, @Body() body: CreateEnterpriseDto): Promise<EnterpriseDto> {
    return this.enterprises.create(user, body);
  }

  @Patch(':id')
  @Roles('ADMIN', 'ENTERPRISE_LEAD')
  @ApiOperation({ summary: 'Change an enterprise (admin, or one of its leads); leads and site are not changed here' })
  @ApiOkResponse({ type: EnterpriseDto })
  update(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: UpdateEnterpriseDto): Promise<EnterpriseDto> {
    return this.enterprises.update(user, id, body);
  }

  @Put(':id/leads')
  @Roles('ADMIN')
  @ApiOperation({ summary: "Replace an enterprise's leads (admin); each must be an active ENTERPRISE_LEAD user" })
  @ApiOkResponse({ type: EnterpriseDto })
  setLeads(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: EnterpriseLeadsDto): Promise<EnterpriseDto> {
    return this.enterprises.setLeads(user, id, body.userIds);
  }
}
