import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { DateField, PenceField } from '../../common/validation/decorators';
import { CUSTOMER_TYPES, PRODUCT_KINDS, type CustomerType, type ProductKind } from '../catalogue.types';

const trim = Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

function Minutes(description: string, max: number, requiredForService: boolean): PropertyDecorator {
  return (target: object, key: string | symbol) => {
    ApiPropertyOptional({ description, type: 'integer', minimum: 0, maximum: max })(target, key);
    if (requiredForService) ValidateIf((o: { kind?: string; [k: string]: unknown }) => o.kind === 'SERVICE' || o[key as string] !== undefined)(target, key);
    else IsOptional()(target, key);
    IsInt({ message: `${String(key)} must be a whole number` })(target, key);
    Min(requiredForService ? 1 : 0)(target, key);
    Max(max)(target, key);
  };
}

const INCOME_CODE = /^\d{4}$/;

/** Till and stock settings of a product (not of services). */
class StockSettings {
  @ApiPropertyOptional({ description: 'Keep stock on hand (at moving average cost) and refuse sales below zero' }) @IsOptional() @IsBoolean() trackStock?: boolean;
  @ApiPropertyOptional({ description: 'Let tracked stock go below zero' }) @IsOptional() @IsBoolean() allowNegativeStock?: boolean;
  @ApiPropertyOptional({ description: 'The income account sales post to (default 4000 Sales)', example: '4000' }) @IsOptional() @IsString() @Matches(INCOME_CODE, { message: 'incomeAccountCode must be a four-digit account code' }) incomeAccountCode?: string;
  @ApiPropertyOptional({ type: 'integer', nullable: true, description: 'Listed as low stock below this' }) @IsOptional() @IsInt() @Min(0) @Max(1_000_000) reorderLevel?: number | null;
}

export class CreateProductDto extends StockSettings {
  @ApiPropertyOptional({ enum: PRODUCT_KINDS, default: 'PRODUCT' }) @IsOptional() @IsIn(PRODUCT_KINDS, { message: 'Choose product or service' }) kind?: ProductKind;
  @ApiProperty({ maxLength: 120 }) @trim @IsString() @MinLength(1, { message: 'Enter a name' }) @MaxLength(120) name: string;
  @ApiPropertyOptional({ maxLength: 60, example: 'Laundry', default: 'General' }) @IsOptional() @trim @IsString() @MinLength(1, { message: 'Enter a category' }) @MaxLength(60) category?: string;
  @PenceField('pricePence') pricePence: number;
  @ApiPropertyOptional({ maxLength: 30, example: 'bag' }) @IsOptional() @trim @IsString() @MaxLength(30) unit?: string;
  @Minutes('Services: how long one booking takes', 24 * 60, true) durationMinutes?: number;
  @Minutes('Services: how many bookings one slot takes at once', 50, true) slotCapacity?: number;
  @Minutes('Services: minutes kept free after each slot', 24 * 60, false) bufferMinutes?: number;
  @Minutes('Services: how long before the start a booking must be made', 60 * 24 * 60, false) minimumNoticeMinutes?: number;
  @Minutes('Services: a customer may cancel up to this long before the start', 60 * 24 * 60, false) cancellationCutoffMinutes?: number;
  @ApiPropertyOptional({ maxLength: 80, example: 'Vehicle registration' }) @IsOptional() @trim @IsString() @MaxLength(80) detailsLabel?: string;
}

export class UpdateProductDto extends StockSettings {
  @ApiPropertyOptional() @IsOptional() @IsBoolean() active?: boolean;
  @ApiPropertyOptional({ maxLength: 120 }) @IsOptional() @trim @IsString() @MinLength(1) @MaxLength(120) name?: string;
}

export class NewPriceDto {
  @PenceField('pricePence') pricePence: number;
  @ApiPropertyOptional({ enum: CUSTOMER_TYPES, description: 'A price-list price for this customer type only (the till picks it by the customer type chosen)' }) @IsOptional() @IsIn(CUSTOMER_TYPES) customerType?: CustomerType;
  @DateField('effectiveOn (default: today)', true) effectiveOn?: string;
}

export class ProductQueryDto {
  @ApiPropertyOptional({ enum: PRODUCT_KINDS }) @IsOptional() @IsIn(PRODUCT_KINDS) kind?: ProductKind;
  @ApiPropertyOptional({ description: 'Include products taken out of use' }) @IsOptional() @Transform(({ value }) => value === true || value === 'true') @IsBoolean() includeInactive?: boolean;
}

export class PriceDto {
  @ApiProperty({ type: 'integer' }) pricePence: number;
  @ApiProperty({ format: 'date' }) effectiveOn: string;
}

export class CustomerPriceDto {
  @ApiProperty({ enum: CUSTOMER_TYPES }) customerType: CustomerType;
  @ApiProperty({ type: 'integer' }) pricePence: number;
  @ApiProperty({ format: 'date' }) effectiveOn: string;
}

export class ProductDto {
  @ApiProperty() id: string;
  @ApiProperty() enterpriseId: string;
  @ApiProperty({ enum: PRODUCT_KINDS }) kind: ProductKind;
  @ApiProperty() name: string;
  @ApiProperty() category: string;
  @ApiProperty({ type: 'integer', description: 'The price today' }) pricePence: number;
  @ApiProperty({ nullable: true, type: String }) unit: string | null;
  @ApiProperty() active: boolean;
  @ApiPropertyOptional({ type: 'integer' }) durationMinutes?: number;
  @ApiPropertyOptional({ type: 'integer' }) slotCapacity?: number;
  @ApiPropertyOptional({ type: 'integer' }) bufferMinutes?: number;
  @ApiPropertyOptional({ type: 'integer' }) minimumNoticeMinutes?: number;
  @ApiPropertyOptional({ type: 'integer' }) cancellationCutoffMinutes?: number;
  @ApiPropertyOptional({ type: String }) detailsLabel?: string | null;
  @ApiPropertyOptional({ type: [PriceDto], description: 'Dated prices, newest first (single product only)' }) prices?: PriceDto[];
  @ApiPropertyOptional() trackStock?: boolean;
  @ApiPropertyOptional() allowNegativeStock?: boolean;
  @ApiPropertyOptional() incomeAccountCode?: string;
  @ApiPropertyOptional({ type: 'integer', nullable: true }) reorderLevel?: number | null;
  @ApiPropertyOptional({ type: 'integer' }) stockOnHand?: number;
  @ApiPropertyOptional({ type: 'integer' }) averageCostPence?: number;
  @ApiPropertyOptional({ type: [CustomerPriceDto], description: 'Price-list prices by customer type, newest first (single product only)' }) customerPrices?: CustomerPriceDto[];
}
