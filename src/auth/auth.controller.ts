import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Throttle, ThrottlerGuard } from '@nestjs/throttler';
import { AllowPendingPasswordChange, AnyRole, CurrentUser, Public } from '../common/auth-decorators';
import type { AuthUser } from '../common/request-context';
import { AuthService } from './auth.service';
import { ChangePasswordDto, MeDto, TokenRequestDto, TokenResponseDto } from './dto/auth.dto';
import { signInThrottle } from './sign-in-throttle';

@ApiTags('auth')
@Controller('api')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('auth/token')
  @Public() // the way in for API clients
  @UseGuards(ThrottlerGuard)
  @Throttle(signInThrottle())
  @ApiOperation({ summary: 'Exchange a username and password for a bearer token (401 when wrong, 429 when locked or throttled)' })
  @ApiOkResponse({ type: TokenResponseDto })
  issueToken(@Body() body: TokenRequestDto): Promise<TokenResponseDto> {
    return this.auth.issueToken(body.username, body.password);
  }

  @Post('auth/revoke')
  @HttpCode(204)
  @AnyRole()
  @AllowPendingPasswordChange()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Revoke the token (or session) this request was made with' })
  async revoke(@CurrentUser() user: AuthUser): Promise<void> {
    await this.auth.signOut(user);
  }

  @Get('me')
  @AnyRole()
  @AllowPendingPasswordChange()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The signed-in user' })
  @ApiOkResponse({ type: MeDto })
  me(@CurrentUser() user: AuthUser): MeDto {
    return { id: user.id, username: user.username, role: user.role, displayName: user.displayName, wardIds: user.wardIds, patientId: user.patientId, mustChangePassword: user.mustChangePassword };
  }

  @Post('me/password')
  @HttpCode(204)
  @AnyRole()
  @AllowPendingPasswordChange()
  @ApiBearerAuth()
  @ApiOperation({ summary: "Change the signed-in user's password (revokes their other sessions and tokens)" })
  async changePassword(@CurrentUser() user: AuthUser, @Body() body: ChangePasswordDto): Promise<void> {
    await this.auth.changePassword(user, body.currentPassword, body.newPassword);
  }
}
