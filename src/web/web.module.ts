import { Module } from '@nestjs/common';
import { WardsModule } from '../wards/wards.module';
import { HomeController } from './home.controller';

@Module({ imports: [WardsModule], controllers: [HomeController] })
export class WebModule {}
