import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AnyRole, CurrentUser, Roles } from '../common/auth-decorators';
import type { AuthUser } from '../common/request-context';
import { ParseIdPipe } from '../common/validation/parse-id.pipe';
import { CreateSkillDto, SkillDto, SkillListDto, SkillQueryDto, UpdateSkillDto } from './dto/skills.dto';
import { SkillsService } from './skills.service';

@ApiTags('skills')
@ApiBearerAuth()
@Controller('api/skills')
export class SkillsController {
  constructor(private readonly skills: SkillsService) {}

  @Get()
  @AnyRole()
  @ApiOperation({ summary: 'The skills framework: employability and technical skills, each with a plain-English descriptor for levels 1-4 (INTRODUCED to PROFICIENT)' })
  @ApiOkResponse({ type: SkillListDto })
  async list(@Query() q: SkillQueryDto): Promise<SkillListDto> {
    const items = await this.skills.list({ includeInactive: q.includeInactive, category: q.category });
    return { items, total: items.length };
  }

  @Get(':id')
  @AnyRole()
  @ApiOperation({ summary: 'One skill of the framework' })
  @ApiOkResponse({ type: SkillDto })
  get(@Param('id', ParseIdPipe) id: string): Promise<SkillDto> {
    return this.skills.get(id);
  }

  @Post()
  @Roles('ADMIN')
  @ApiOperation({ summary: 'Add a skill to the framework (admin)' })
  @ApiCreatedResponse({ type: SkillDto })
  create(@CurrentUser() user: AuthUser, @Body() body: CreateSkillDto): Promise<SkillDto> {
    return this.skills.create(user, body);
  }

  @Patch(':id')
  @Roles('ADMIN')
  @ApiOperation({ summary: 'Edit a skill (admin); active: false takes it out of use. Skills are never deleted and their code never changes' })
  @ApiOkResponse({ type: SkillDto })
  update(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: UpdateSkillDto): Promise<SkillDto> {
    return this.skills.update(user, id, body);
  }
}
