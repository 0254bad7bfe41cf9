import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/auth-decorators';
import { pageOf } from '../common/paging';
import type { AuthUser } from '../common/request-context';
import { ParseIdPipe } from '../common/validation/parse-id.pipe';
import { CreatePlacementDto, EndPlacementDto, PlacementDto, PlacementPageDto, PlacementQueryDto } from './dto/placements.dto';
import { PlacementsService } from './placements.service';
import { RECRUITER_ROLES, RECRUITMENT_READER_ROLES } from './recruitment-access';

@ApiTags('recruitment')
@ApiBearerAuth()
@Controller('api/placements')
export class PlacementsController {
  constructor(private readonly placements: PlacementsService) {}

  @Get()
  @Roles('PATIENT', ...RECRUITMENT_READER_ROLES)
  @ApiOperation({ summary: 'Placements in your scope, active first (a patient: their own). Each read is audited' })
  @ApiOkResponse({ type: PlacementPageDto })
  list(@CurrentUser() user: AuthUser, @Query() q: PlacementQueryDto): Promise<PlacementPageDto> {
    return this.placements.list(user, { ...pageOf(q), patientId: q.patientId, workRoleId: q.workRoleId, status: q.status });
  }

  @Get(':id')
  @Roles('PATIENT', ...RECRUITMENT_READER_ROLES)
  @ApiOperation({ summary: 'One placement' })
  @ApiOkResponse({ type: PlacementDto })
  get(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string): Promise<PlacementDto> {
    return this.placements.get(user, id);
  }

  @Post()
  @Roles(...RECRUITER_ROLES)
  @ApiOperation({ summary: 'Place a patient in a work role directly ("place then train"); refused when the role’s positions are full or the patient already holds it' })
  @ApiCreatedResponse({ type: PlacementDto })
  create(@CurrentUser() user: AuthUser, @Body() body: CreatePlacementDto): Promise<PlacementDto> {
    return this.placements.create(user, body);
  }

  @Post(':id/end')
  @Roles(...RECRUITER_ROLES)
  @ApiOperation({ summary: 'End an active placement with a date, a reason (e.g. PROGRESSED_EMPLOYMENT) and a staff note' })
  @ApiCreatedResponse({ type: PlacementDto })
  end(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: EndPlacementDto): Promise<PlacementDto> {
    return this.placements.end(user, id, body);
  }
}
