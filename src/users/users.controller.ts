import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/auth-decorators';
import { pageOf } from '../common/paging';
import type { AuthUser } from '../common/request-context';
import { ParseIdPipe } from '../common/validation/parse-id.pipe';
import { CreatedUserDto, CreateUserDto, PasswordResetDto, UpdateUserDto, UserDto, UserPageDto, UserQueryDto } from './dto/users.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Roles('ADMIN')
@Controller('api/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: 'List user accounts (admin)' })
  @ApiOkResponse({ type: UserPageDto })
  list(@Query() q: UserQueryDto): Promise<UserPageDto> {
    return this.users.list({ ...pageOf(q), role: q.role, q: q.q });
  }

  @Post()
  @ApiOperation({ summary: 'Create a user account (admin); a temporary password is generated when none is given' })
  @ApiCreatedResponse({ type: CreatedUserDto })
  create(@Body() body: CreateUserDto): Promise<CreatedUserDto> {
    return this.users.create(body);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One user account (admin)' })
  @ApiOkResponse({ type: UserDto })
  get(@Param('id', ParseIdPipe) id: string): Promise<UserDto> {
    return this.users.get(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: "Change a user's name, role or wards (admin); their sessions end when access changes" })
  @ApiOkResponse({ type: UserDto })
  update(@CurrentUser() actor: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: UpdateUserDto): Promise<UserDto> {
    return this.users.update(actor, id, body);
  }

  @Post(':id/deactivate')
  @ApiOperation({ summary: 'Deactivate an account and revoke its sessions and tokens (admin)' })
  @ApiCreatedResponse({ type: UserDto })
  deactivate(@CurrentUser() actor: AuthUser, @Param('id', ParseIdPipe) id: string): Promise<UserDto> {
    return this.users.setActive(actor, id, false);
  }

  @Post(':id/reactivate')
  @ApiOperation({ summary: 'Reactivate an account (admin)' })
  @ApiCreatedResponse({ type: UserDto })
  reactivate(@CurrentUser() actor: AuthUser, @Param('id', ParseIdPipe) id: string): Promise<UserDto> {
    return this.users.setActive(actor, id, true);
  }

  @Post(':id/reset-password')
  @ApiOperation({ summary: 'Reset a password to a temporary one, shown once (admin)' })
  @ApiCreatedResponse({ type: PasswordResetDto })
  resetPassword(@Param('id', ParseIdPipe) id: string): Promise<PasswordResetDto> {
    return this.users.resetPassword(id);
  }
}
