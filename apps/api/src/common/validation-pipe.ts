import { ArgumentMetadata, BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import type { FieldError } from '@otc/contracts';
import { unstorableText } from './storable';

function fieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...fieldErrors(error.children ?? [], field)];
  });
}

/** Query and path values with text PostgreSQL cannot store (NUL, unpaired surrogates), each named. */
function unstorableValues(value: unknown, metadata: ArgumentMetadata): FieldError[] {
  if (metadata.type !== 'query' && metadata.type !== 'param') return [];
  const entries: Array<[string, unknown]> = typeof value === 'object' && value !== null ? Object.entries(value) : [[metadata.data ?? metadata.type, value]];
  return entries.flatMap(([field, raw]) =>
    (Array.isArray(raw) ? raw : [raw]).flatMap((item) => {
      const problem = typeof item === 'string' ? unstorableText(item) : null;
      return problem ? [{ field, message: `${field} ${problem}` }] : [];
    }),
  );
}

class RequestValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const fields = unstorableValues(value, metadata);
    if (fields.length > 0) throw new BadRequestException({ message: fields.map((f) => f.message), fields });
    return super.transform(value, metadata);
  }
}

/** The one validation of request DTOs, applied to every route: whitelisting, and a 400 that names each field in the same shape as module errors. */
export const validationPipe = new RequestValidationPipe({
  whitelist: true,
  transform: true,
  exceptionFactory: (errors) => {
    const fields = fieldErrors(errors);
    return new BadRequestException({ message: fields.map((f) => f.message), fields });
  },
});
