import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/auth-decorators';
import { pageOf } from '../common/paging';
import type { AuthUser } from '../common/request-context';
import { ParseIdPipe } from '../common/validation/parse-id.pipe';
import { CreateWorkRoleDto, UpdateWorkRoleDto, WorkRoleDto, WorkRolePageDto, WorkRoleQueryDto } from './dto/work-roles.dto';
import { ENTERPRISE_READERS } from './enterprises.controller';
import { WorkRolesService } from './work-roles.service';

@ApiTags('work roles')
@ApiBearerAuth()
@Controller('api/work-roles')
export class WorkRolesController {
  constructor(private readonly roles: WorkRolesService) {}

  @Get()
  @Roles(...ENTERPRISE_READERS)
  @ApiOperation({ summary: 'Work roles, by title, with how many active placements fill each; ?enterpriseId= and ?active= filter' })
  @ApiOkResponse({ type: WorkRolePageDto })
  list(@Query() q: WorkRoleQueryDto): Promise<WorkRolePageDto> {
    return this.roles.list({ ...pageOf(q), enterpriseId: q.enterpriseId, active: q.active });
  }

  @Get(':id')
  @Roles(...ENTERPRISE_READERS)
  @ApiOperation({ summary: 'One work role' })
  @ApiOkResponse({ type: WorkRoleDto })
  get(@Param('id', ParseIdPipe) id: string): Promise<WorkRoleDto> {
    return this.roles.get(id);
  }

  @Post()
  @Roles('ADMIN', 'ENTERPRISE_LEAD')
  @ApiOperation({ summary: 'Add a work role to an enterprise (admin, or one of its leads)' })
  @ApiCreatedResponse({ type: WorkRoleDto })
  create(@CurrentUser() user: AuthUser, @Body() body: CreateWorkRoleDto): Promise<WorkRoleDto> {
    return this.roles.create(user, body);
  }

  @Patch(':id')
  @Roles('ADMIN', 'ENTERPRISE_LEAD')
  @ApiOperation({ summary: 'Change a work role (admin, or a lead of its enterprise); positions cannot go below its active placements (409 POSITIONS_IN_USE)' })
  @ApiOkResponse({ type: WorkRoleDto })
  update(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: UpdateWorkRoleDto): Promise<WorkRoleDto> {
    return this.roles.update(user, id, body);
  }
}
