import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeEndpoint } from '@nestjs/swagger';
import type { Response } from 'express';
import { PublicThrottle } from '../auth/sign-in-throttle';
import { Public } from '../common/auth-decorators';
import { RETENTION_SUMMARY } from './retention';

/** The privacy notice for patients, in plain English. */
@Controller()
export class PrivacyPagesController {
  @Get('privacy')
  @Public() // a privacy notice must be readable before signing in too; rate-limited
  @PublicThrottle()
  @ApiExcludeEndpoint()
  show(@Res() res: Response): void {
    res.render('governance/views/privacy.njk', { ...res.locals, retention: RETENTION_SUMMARY });
  }
}
