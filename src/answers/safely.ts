/** A question's or click's work, with unexpected failures turned into a problem answer; the detail goes to the log only. */
import type { Logger } from 'pino';
import { GraphProblem, toGraphProblem } from '../graph/errors';
import type { Answer } from './types';

export async function safely(logger: Logger, work: () => Promise<Answer>): Promise<Answer> {
  try {
    return await work();
  } catch (error) {
    const problem = toGraphProblem(error);
    if (!(error instanceof GraphProblem) && !(typeof error === 'object' && error && 'statusCode' in error)) {
      logger.error(
        { err: { message: (error as Error)?.message, stack: (error as Error)?.stack } },
        'unexpected error while answering',
      );
    }
    return { kind: 'problem', problem: problem.kind, retryAfterSeconds: problem.retryAfterSeconds, retry: null };
  }
}
