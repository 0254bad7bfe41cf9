import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/auth-decorators';
import { PageQuery, pageOf } from '../common/paging';
import type { AuthUser } from '../common/request-context';
import { ParseIdPipe } from '../common/validation/parse-id.pipe';
import { SiteDto, SitePageDto, UpdateSiteDto } from './sites.dto';
import { SitesService } from './sites.service';

@ApiTags('sites')
@ApiBearerAuth()
@Controller('api/sites')
export class SitesController {
  constructor(private readonly sites: SitesService) {}

  @Get()
  @Roles('ADMIN', 'OT', 'ENTERPRISE_LEAD', 'WARD_STAFF', 'EMPLOYMENT_SPECIALIST', 'COMMISSIONER')
  @ApiOperation({ summary: 'Hospital sites with their default weekly benefits limits (earnings cap in pence, hours cap in minutes)' })
  @ApiOkResponse({ type: SitePageDto })
  list(@Query() q: PageQuery): Promise<SitePageDto> {
    return this.sites.list(pageOf(q));
  }

  @Get(':id')
  @Roles('ADMIN', 'OT', 'ENTERPRISE_LEAD', 'WARD_STAFF', 'EMPLOYMENT_SPECIALIST', 'COMMISSIONER')
  @ApiOperation({ summary: 'One site with its default weekly benefits limits' })
  @ApiOkResponse({ type: SiteDto })
  get(@Param('id', ParseIdPipe) id: string): Promise<SiteDto> {
    return this.sites.get(id);
  }

  @Patch(':id')
  @Roles('ADMIN')
  @ApiOperation({ summary: "Change a site's default weekly benefits limits (admin); null means no default cap" })
  @ApiOkResponse({ type: SiteDto })
  update(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: UpdateSiteDto): Promise<SiteDto> {
    return this.sites.update(user, id, body);
  }
}
