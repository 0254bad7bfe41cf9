import { Body, Controller, Get, Post, Query, Render, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Throttle, ThrottlerGuard } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { AllowPendingPasswordChange, AnyRole, CurrentUser, Public } from '../common/auth-decorators';
import { AppError } from '../common/errors/app-error';
import { CSRF_COOKIE, SESSION_COOKIE } from '../common/http/cookies';
import { newCsrfCookieValue } from '../common/http/csrf';
import type { AuthUser } from '../common/request-context';
import { validateForm } from '../common/validation/validation';
import { AuthService } from './auth.service';
import { ChangePasswordFormDto, SignInFormDto } from './dto/auth.dto';
import { PublicThrottle, signInThrottle } from './sign-in-throttle';

function safeNext(next: unknown): string {
  return typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}

@ApiExcludeController()
@Controller()
export class AuthPagesController {
  constructor(private readonly auth: AuthService) {}

  @Get('sign-in')
  @Public() // the sign-in page; rate-limited
  @PublicThrottle()
  @Render('auth/views/sign-in.njk')
  signInPage(@Query('next') next?: string, @Query('signedOut') signedOut?: string) {
    return { next: safeNext(next), values: {}, signedOut: signedOut === '1' };
  }

  @Post('sign-in')
  @Public() // the sign-in form
  @UseGuards(ThrottlerGuard)
  @Throttle(signInThrottle())
  async signIn(@Body() body: Record<string, string>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const next = safeNext(body?.next);
    const form = await validateForm(SignInFormDto, { username: body?.username, password: body?.password });
    if (form.errorList.length) {
      res.status(422).render('auth/views/sign-in.njk', { ...res.locals, next, values: { username: body?.username }, errors: form.errors, errorList: form.errorList });
      return;
    }
    try {
      const { cookieValue } = await this.auth.signIn(form.value.username, form.value.password, req.cookies?.[SESSION_COOKIE]);
      // A new session id and a new CSRF cookie at sign-in (OWASP ASVS 3.2.1).
      res.cookie(SESSION_COOKIE, cookieValue, { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/' });
      res.cookie(CSRF_COOKIE, newCsrfCookieValue(), { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/' });
      res.redirect(303, next);
    } catch (err) {
      if (err instanceof AppError && (err.code === 'INVALID_CREDENTIALS' || err.code === 'ACCOUNT_LOCKED')) {
        const message = err.message;
        res.status(err.status).render('auth/views/sign-in.njk', {
          ...res.locals,
          next,
          values: { username: body?.username },
          errors: { username: message },
          errorList: [{ text: message, href: '#username' }],
        });
        return;
      }
      throw err;
    }
  }

  @Get('sign-out')
  @AnyRole()
  @AllowPendingPasswordChange()
  @Render('auth/views/sign-out.njk')
  signOutPage() {
    return {};
  }

  @Post('sign-out')
  @AnyRole()
  @AllowPendingPasswordChange()
  async signOut(@CurrentUser() user: AuthUser, @Res() res: Response): Promise<void> {
    await this.auth.signOut(user);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.redirect(303, '/sign-in?signedOut=1');
  }

  @Get('account/password')
  @AnyRole()
  @AllowPendingPasswordChange()
  @Render('auth/views/change-password.njk')
  changePasswordPage(@Query('changed') changed?: string) {
    return { changed: changed === '1' };
  }

  @Post('account/password')
  @AnyRole()
  @AllowPendingPasswordChange()
  async changePassword(@CurrentUser() user: AuthUser, @Body() body: Record<string, string>, @Res() res: Response): Promise<void> {
    const form = await validateForm(ChangePasswordFormDto, {
      currentPassword: body?.currentPassword,
      newPassword: body?.newPassword,
      confirmPassword: body?.confirmPassword ?? '',
    });
    if (!form.errors.confirmPassword && form.value.newPassword !== form.value.confirmPassword) {
      form.errors.confirmPassword = 'The new passwords do not match';
      form.errorList.push({ text: form.errors.confirmPassword, href: '#confirmPassword' });
    }
    if (!form.errorList.length) {
      try {
        await this.auth.changePassword(user, form.value.currentPassword, form.value.newPassword);
        res.redirect(303, '/account/password?changed=1');
        return;
      } catch (err) {
        if (!(err instanceof AppError) || !Array.isArray(err.details)) throw err;
        for (const d of err.details) {
          if (d.field && !form.errors[d.field]) {
            form.errors[d.field] = d.message;
            form.errorList.push({ text: d.message, href: `#${d.field}` });
          }
        }
      }
    }
    res.status(422).render('auth/views/change-password.njk', { ...res.locals, errors: form.errors, errorList: form.errorList });
  }
}
