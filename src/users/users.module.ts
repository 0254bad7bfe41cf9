import { Module } from '@nestjs/common';
import { WardsModule } from '../wards/wards.module';
import { UsersController } from './users.controller';
import { UsersPagesController } from './users.pages.controller';
import { UsersService } from './users.service';

@Module({ imports: [WardsModule], controllers: [UsersController, UsersPagesController], providers: [UsersService], exports: [UsersService] })
export class UsersModule {}
