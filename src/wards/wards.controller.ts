import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/auth-decorators';
import type { AuthUser } from '../common/request-context';
import { SECURITY_LEVELS } from './ward.entity';
import { WardsService } from './wards.service';

class WardDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty() siteName: string;
  @ApiProperty({ enum: SECURITY_LEVELS }) securityLevel: string;
  @ApiProperty() active: boolean;
  @ApiProperty({ description: 'Whether the caller is assigned to this ward' }) assigned: boolean;
}

class WardListDto {
  @ApiProperty({ type: [WardDto] }) items: WardDto[];
  @ApiProperty() total: number;
}

@ApiTags('wards')
@ApiBearerAuth()
@Controller('api/wards')
export class WardsController {
  constructor(private readonly wards: WardsService) {}

  @Get()
  @Roles('ADMIN', 'OT', 'ENTERPRISE_LEAD', 'WARD_STAFF', 'EMPLOYMENT_SPECIALIST', 'COMMISSIONER')
  @ApiOperation({ summary: 'All wards, with whether the caller is assigned to each (no patient data)' })
  @ApiOkResponse({ type: WardListDto })
  async list(@CurrentUser() user: AuthUser): Promise<WardListDto> {
    const items = (await this.wards.listAll()).map((w) => ({ ...w, assigned: user.wardIds.includes(w.id) }));
    return { items, total: items.length };
  }
}
