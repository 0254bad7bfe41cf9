import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/auth-decorators';
import type { AuthUser } from '../common/request-context';
import { ParseIdPipe } from '../common/validation/parse-id.pipe';
import { CreateProposalDto, OpportunitiesDto, ProposalDto, ProposalListDto, RejectProposalDto, ReinvestmentTraceDto, SpendProposalDto } from './dto/reinvestment.dto';
import { ReinvestmentService } from './reinvestment.service';

@ApiTags('ledger')
@ApiBearerAuth()
@Roles('ADMIN', 'ENTERPRISE_LEAD')
@Controller('api')
export class ReinvestmentController {
  constructor(private readonly reinvestment: ReinvestmentService) {}

  @Get('enterprises/:id/reinvestment-proposals')
  @ApiOperation({ summary: 'Reinvestment proposals, newest first, with the surplus available now' })
  @ApiOkResponse({ type: ProposalListDto })
  list(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string): Promise<ProposalListDto> {
    return this.reinvestment.list(user, id);
  }

  @Post('enterprises/:id/reinvestment-proposals')
  @ApiOperation({ summary: 'Propose reinvesting surplus: amount, purpose, title and the opportunities it should create' })
  @ApiCreatedResponse({ type: ProposalDto })
  create(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: CreateProposalDto): Promise<ProposalDto> {
    return this.reinvestment.create(user, id, body);
  }

  @Get('enterprises/:id/reinvestment-report')
  @ApiOperation({ summary: 'Surplus -> reinvestment -> opportunities created (work roles, placement counts)' })
  @ApiOkResponse({ type: ReinvestmentTraceDto })
  trace(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string): Promise<ReinvestmentTraceDto> {
    return this.reinvestment.trace(user, id);
  }

  @Get('reinvestment-proposals/:id')
  @ApiOperation({ summary: 'One reinvestment proposal with its approvals and ledger entries' })
  @ApiOkResponse({ type: ProposalDto })
  get(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string): Promise<ProposalDto> {
    return this.reinvestment.get(user, id);
  }

  @Post('reinvestment-proposals/:id/approve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve as the enterprise lead or as an admin; both are needed, in either order. The second approval moves the amount to the reinvestment reserve (422 INSUFFICIENT_SURPLUS when the surplus is not there).' })
  @ApiOkResponse({ type: ProposalDto })
  approve(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string): Promise<ProposalDto> {
    return this.reinvestment.approve(user, id);
  }

  @Post('reinvestment-proposals/:id/reject')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reject a proposal with a reason' })
  @ApiOkResponse({ type: ProposalDto })
  reject(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: RejectProposalDto): Promise<ProposalDto> {
    return this.reinvestment.reject(user, id, body.reason);
  }

  @Post('reinvestment-proposals/:id/spend')
  @HttpCode(200)
  @ApiOperation({ summary: 'Spend an approved proposal from the reserve: Dr Reinvestment reserve / Cr Retained surplus and Dr the expense / Cr Bank, in one entry' })
  @ApiOkResponse({ type: ProposalDto })
  spend(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: SpendProposalDto): Promise<ProposalDto> {
    return this.reinvestment.spend(user, id, body);
  }

  @Post('reinvestment-proposals/:id/opportunities')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record the work roles and placements the reinvestment funded' })
  @ApiOkResponse({ type: ProposalDto })
  opportunities(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: OpportunitiesDto): Promise<ProposalDto> {
    return this.reinvestment.linkOpportunities(user, id, body);
  }
}
