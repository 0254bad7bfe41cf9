import { Controller, Get, Param, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Throttle, ThrottlerGuard } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { PublicThrottle } from '../auth/sign-in-throttle';
import { Public } from '../common/auth-decorators';
import { AppError } from '../common/errors/app-error';
import { PublicReferenceDto } from './dto/references.dto';
import { longDate } from './reference-pdf';
import { CODE_LENGTH, formatCode, hoursText, levelLabel, normaliseCode, rateText, type PublicReference } from './reference-rules';
import { ReferencesService } from './references.service';

/** Per client address: 20 checks a minute, then a minute's block (codes cannot be guessed at that rate). */
export const VERIFY_THROTTLE = { default: { limit: 20, ttl: 60_000, blockDuration: 60_000 } };

const NOT_FOUND = 'We could not find a reference with this code';

function pageData(view: PublicReference) {
  return {
    view,
    code: formatCode(view.verificationCode),
    startText: longDate(view.startOn),
    endText: view.endOn ? longDate(view.endOn) : 'Still in this role',
    hours: hoursText(view.minutesWorked),
    attendance: rateText(view.attendanceRatePercent),
    punctuality: rateText(view.punctualityRatePercent),
    approvedText: longDate(view.approvedOn),
    withdrawnText: longDate(view.withdrawnOn),
    skills: view.verifiedSkills.map((s) => ({ name: s.name, level: levelLabel(s.level) })),
  };
}

/**
 * Public verification of a reference by its code, for employers: what the reference says and
 * nothing more (no ids, no hospital number, no ward), or that it was withdrawn. Rate-limited
 * per client address with counters in the database (they hold across app instances).
 */
@ApiTags('references')
@Controller()
export class VerifyController {
  constructor(private readonly references: ReferencesService) {}

  @Get('verify')
  @Public() // employers check a code without an account; rate-limited
  @PublicThrottle()
  @ApiExcludeEndpoint()
  form(@Query('code') code: string | undefined, @Res() res: Response): void {
    res.setHeader('X-Robots-Tag', 'noindex');
    if (code !== undefined) {
      const normal = normaliseCode(code);
      if (normal) return res.redirect(303, `/verify/${normal}`);
      const message = `Enter the ${CODE_LENGTH}-character code printed on the reference, for example ABCD-EFGH-JKLM`;
      return res.status(422).render('references/views/verify-form.njk', { ...res.locals, value: code, errors: { code: message }, errorList: [{ text: message, href: '#code' }] });
    }
    res.render('references/views/verify-form.njk', { ...res.locals, value: '' });
  }

  @Get('verify/:code')
  @Public() // employers check a code without an account; rate-limited
  @UseGuards(ThrottlerGuard)
  @Throttle(VERIFY_THROTTLE)
  @ApiExcludeEndpoint()
  async page(@Param('code') code: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Robots-Tag', 'noindex');
    const json = req.accepts(['html', 'json']) === 'json';
    let view: PublicReference;
    try {
      view = await this.references.verify(code);
    } catch (err) {
      if (!(err instanceof AppError) || err.status !== 404) throw err;
      if (json) {
        res.status(404).json({ statusCode: 404, code: 'NOT_FOUND', message: NOT_FOUND, requestId: req.requestId });
        return;
      }
      res.status(404).render('references/views/verify-not-found.njk', { ...res.locals, value: code.slice(0, 40) });
      return;
    }
    if (json) {
      res.json(view);
      return;
    }
    res.render('references/views/verify.njk', { ...res.locals, ...pageData(view) });
  }

  @Get('api/verify/:code')
  @Public() // employers check a code without an account; rate-limited
  @UseGuards(ThrottlerGuard)
  @Throttle(VERIFY_THROTTLE)
  @ApiOperation({ summary: 'Check a reference’s verification code (public, rate-limited): what it says, or that it was withdrawn; 404 for an unknown code' })
  @ApiOkResponse({ type: PublicReferenceDto })
  async api(@Param('code') code: string, @Res({ passthrough: true }) res: Response): Promise<PublicReferenceDto> {
    res.setHeader('Cache-Control', 'no-store');
    return this.references.verify(code);
  }
}
