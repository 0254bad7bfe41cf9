import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/auth-decorators';
import type { AuthUser } from '../common/request-context';
import { ParseIdPipe } from '../common/validation/parse-id.pipe';
import { STAFF_ROLES } from '../users/roles';
import { CreateOrderDto, CreateStandingOrderDto, DeliverDto, GenerateDto, OrderDto, OrderQueryDto, ReasonDto, StandingOrderDto } from './dto/orders.dto';
import { OrdersService } from './orders.service';

@ApiTags('orders')
@ApiBearerAuth()
@Roles(...STAFF_ROLES)
@Controller('api')
export class OrdersController {
  constructor(private readonly orders: OrdersService) {}

  @Post('orders')
  @ApiOperation({ summary: 'Order from an enterprise on a cost centre you may use (403 COST_CENTRE_NOT_ALLOWED); a lead of the enterprise may enter a phone order naming the customer' })
  @ApiCreatedResponse({ type: OrderDto })
  create(@CurrentUser() user: AuthUser, @Body() body: CreateOrderDto): Promise<OrderDto> {
    return this.orders.create(user, body);
  }

  @Get('orders')
  @ApiOperation({ summary: 'Orders you can see (your cost centres’ and your enterprises’), by needed-by time; from/to are London dates' })
  @ApiOkResponse({ type: [OrderDto] })
  list(@CurrentUser() user: AuthUser, @Query() q: OrderQueryDto): Promise<OrderDto[]> {
    return this.orders.list(user, q);
  }

  @Get('orders/:id')
  @ApiOperation({ summary: 'One order with its lines and every change of state' })
  @ApiOkResponse({ type: OrderDto })
  get(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string): Promise<OrderDto> {
    return this.orders.get(user, id);
  }

  @Post('orders/:id/accept')
  @HttpCode(200)
  @ApiOperation({ summary: 'REQUESTED -> ACCEPTED (the enterprise)' })
  @ApiOkResponse({ type: OrderDto })
  @ApiConflictResponse({ description: 'ORDER_TRANSITION_NOT_ALLOWED' })
  accept(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string): Promise<OrderDto> {
    return this.orders.accept(user, id);
  }

  @Post('orders/:id/decline')
  @HttpCode(200)
  @ApiOperation({ summary: 'REQUESTED -> DECLINED with a reason (the enterprise)' })
  @ApiOkResponse({ type: OrderDto })
  decline(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: ReasonDto): Promise<OrderDto> {
    return this.orders.decline(user, id, body.reason);
  }

  @Post('orders/:id/start')
  @HttpCode(200)
  @ApiOperation({ summary: 'ACCEPTED -> IN_PROGRESS (the enterprise)' })
  @ApiOkResponse({ type: OrderDto })
  start(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string): Promise<OrderDto> {
    return this.orders.start(user, id);
  }

  @Post('orders/:id/deliver')
  @HttpCode(200)
  @ApiOperation({ summary: 'ACCEPTED or IN_PROGRESS -> DELIVERED, signed off by the customer or the enterprise; lines name shortfalls. Posts the recharge at delivered quantities: Dr 1300 Internal recharges receivable / Cr 4100 Internal contracts' })
  @ApiOkResponse({ type: OrderDto })
  deliver(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: DeliverDto): Promise<OrderDto> {
    return this.orders.deliver(user, id, body);
  }

  @Post('orders/:id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel with a reason, before delivery (the customer or the enterprise)' })
  @ApiOkResponse({ type: OrderDto })
  cancel(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: ReasonDto): Promise<OrderDto> {
    return this.orders.cancel(user, id, body.reason);
  }

  @Post('standing-orders')
  @ApiOperation({ summary: 'A weekly standing order (e.g. laundry on Mondays and Thursdays); the next fortnight’s orders are placed at once' })
  @ApiCreatedResponse({ type: StandingOrderDto })
  createStanding(@CurrentUser() user: AuthUser, @Body() body: CreateStandingOrderDto): Promise<StandingOrderDto> {
    return this.orders.createStanding(user, body);
  }

  @Get('standing-orders')
  @ApiOperation({ summary: 'Standing orders you can see' })
  @ApiOkResponse({ type: [StandingOrderDto] })
  listStanding(@CurrentUser() user: AuthUser, @Query('enterpriseId') enterpriseId?: string): Promise<StandingOrderDto[]> {
    return this.orders.listStanding(user, enterpriseId);
  }

  @Post('standing-orders/:id/end')
  @HttpCode(200)
  @ApiOperation({ summary: 'Stop a standing order (orders already placed stay)' })
  @ApiOkResponse({ type: StandingOrderDto })
  endStanding(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string): Promise<StandingOrderDto> {
    return this.orders.endStanding(user, id);
  }

  @Post('enterprises/:id/standing-orders/generate')
  @Roles('ADMIN', 'ENTERPRISE_LEAD')
  @HttpCode(200)
  @ApiOperation({ summary: 'Place the orders of the enterprise’s standing orders up to a date (idempotent: one order per standing order and day)' })
  generate(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: GenerateDto): Promise<{ created: number }> {
    return this.orders.generate(user, id, body.until);
  }
}
