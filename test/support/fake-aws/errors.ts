/** An AWS error the fake answers with; each protocol renders it its own way. */
export class FakeAwsError extends Error {
  readonly code: string;
  readonly status: number | undefined;

  constructor(code: string, message: string, status?: number) {
    super(message);
    this.name = 'FakeAwsError';
    this.code = code;
    this.status = status;
  }
}
