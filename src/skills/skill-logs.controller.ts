import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/auth-decorators';
import { pageOf } from '../common/paging';
import type { AuthUser } from '../common/request-context';
import { ParseIdPipe } from '../common/validation/parse-id.pipe';
import { CreateSkillLogDto, DecideSkillLogDto, RejectSkillLogDto, SkillLogDto, SkillLogPageDto, SkillLogQueryDto } from './dto/skill-logs.dto';
import { SkillLogsService } from './skill-logs.service';
import { SKILL_LOG_READER_ROLES, SKILL_OBSERVER_ROLES, SKILL_VERIFIER_ROLES } from './skill-rules';

@ApiTags('skills')
@ApiBearerAuth()
@Controller('api/skill-logs')
export class SkillLogsController {
  constructor(private readonly logs: SkillLogsService) {}

  @Post()
  @Roles('PATIENT', ...SKILL_OBSERVER_ROLES)
  @ApiOperation({ summary: 'Log a skill: a patient for themself (no patientId; a self-assessment), or staff who can see the patient (an observation). The entry is PENDING until verified' })
  @ApiCreatedResponse({ type: SkillLogDto })
  create(@CurrentUser() user: AuthUser, @Body() body: CreateSkillLogDto): Promise<SkillLogDto> {
    return this.logs.create(user, body);
  }

  @Get()
  @Roles(...SKILL_LOG_READER_ROLES)
  @ApiOperation({ summary: 'Skill log entries in your scope (a patient: their own), newest first; status=PENDING gives the verification queue, oldest first. Each read is audited' })
  @ApiOkResponse({ type: SkillLogPageDto })
  async list(@CurrentUser() user: AuthUser, @Query() q: SkillLogQueryDto): Promise<SkillLogPageDto> {
    const page = await this.logs.list(user, { ...pageOf(q), patientId: q.patientId, skillId: q.skillId, status: q.status });
    return { ...page, items: page.items.map(({ mayDecide: _, ...item }) => item) };
  }

  @Get(':id')
  @Roles(...SKILL_LOG_READER_ROLES)
  @ApiOperation({ summary: 'One skill log entry' })
  @ApiOkResponse({ type: SkillLogDto })
  get(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string): Promise<SkillLogDto> {
    return this.logs.get(user, id);
  }

  @Post(':id/verify')
  @HttpCode(200)
  @Roles(...SKILL_VERIFIER_ROLES)
  @ApiOperation({ summary: 'Verify a PENDING entry (once). Not by the member of staff who made it (FOUR_EYES); a decided entry answers 409 ALREADY_DECIDED' })
  @ApiOkResponse({ type: SkillLogDto })
  verify(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: DecideSkillLogDto): Promise<SkillLogDto> {
    return this.logs.verify(user, id, body.comment);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Roles(...SKILL_VERIFIER_ROLES)
  @ApiOperation({ summary: 'Reject a PENDING entry with a comment saying why (required). Same rules as verify' })
  @ApiOkResponse({ type: SkillLogDto })
  reject(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: RejectSkillLogDto): Promise<SkillLogDto> {
    return this.logs.reject(user, id, body.comment);
  }
}
