import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/auth-decorators';
import type { AuthUser } from '../common/request-context';
import { ParseIdPipe } from '../common/validation/parse-id.pipe';
import { STAFF_ROLES } from '../users/roles';
import { CatalogueService } from './catalogue.service';
import { CreateProductDto, NewPriceDto, ProductDto, ProductQueryDto, UpdateProductDto } from './dto/catalogue.dto';

@ApiTags('catalogue')
@ApiBearerAuth()
@Controller('api')
export class CatalogueController {
  constructor(private readonly catalogue: CatalogueService) {}

  @Get('enterprises/:id/products')
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: 'The enterprise’s catalogue: products (kind PRODUCT) and services (kind SERVICE, with durationMinutes and slotCapacity)' })
  @ApiOkResponse({ type: [ProductDto] })
  list(@Param('id', ParseIdPipe) id: string, @Query() q: ProductQueryDto): Promise<ProductDto[]> {
    return this.catalogue.list(id, q);
  }

  @Post('enterprises/:id/products')
  @Roles('ADMIN', 'ENTERPRISE_LEAD')
  @ApiOperation({ summary: 'Add a product or a service (leads of the enterprise, admins)' })
  @ApiCreatedResponse({ type: ProductDto })
  create(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: CreateProductDto): Promise<ProductDto> {
    return this.catalogue.create(user, id, body);
  }

  @Get('products/:id')
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: 'One catalogue entry with its dated prices' })
  @ApiOkResponse({ type: ProductDto })
  get(@Param('id', ParseIdPipe) id: string): Promise<ProductDto> {
    return this.catalogue.get(id);
  }

  @Patch('products/:id')
  @Roles('ADMIN', 'ENTERPRISE_LEAD')
  @ApiOperation({ summary: 'Rename, or take out of use (active: false); entries are never deleted' })
  @ApiOkResponse({ type: ProductDto })
  update(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: UpdateProductDto): Promise<ProductDto> {
    return this.catalogue.update(user, id, body);
  }

  @Post('products/:id/prices')
  @Roles('ADMIN', 'ENTERPRISE_LEAD')
  @ApiOperation({ summary: 'A new price from a date (today or later); earlier prices stay on record' })
  @ApiCreatedResponse({ type: ProductDto })
  newPrice(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: NewPriceDto): Promise<ProductDto> {
    return this.catalogue.newPrice(user, id, body);
  }
}
