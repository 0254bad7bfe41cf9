import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { PublicThrottle } from '../auth/sign-in-throttle';
import { Public } from '../common/auth-decorators';
import { CredentialsService } from './credentials.service';
import { JwksDto } from './dto/credentials.dto';

@ApiTags('credentials')
@Controller('.well-known')
export class JwksController {
  constructor(private readonly credentials: CredentialsService) {}

  @Get('jwks.json')
  @Public() // the issuer's public keys: anyone verifies a credential with them; rate-limited
  @PublicThrottle()
  @ApiOperation({ summary: 'Public: the JWK set (Ed25519, EdDSA) that verifies every credential issued here, old keys included' })
  @ApiOkResponse({ type: JwksDto })
  async jwks(@Res({ passthrough: true }) res: Response): Promise<JwksDto> {
    // Short enough that a rotated-in key is seen soon; old keys are never removed.
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.setHeader('Access-Control-Allow-Origin', '*');
    return this.credentials.jwks();
  }
}
