/** A fetch that records what it was sent and answers from a script, for the client's middleware tests. */
export interface Sent {
  method: string;
  url: string;
  authorization: string | null;
  idempotencyKey: string | null;
  body: string;
}

export type Answer = { status: number; headers?: Record<string, string>; body?: unknown };

export function fakeFetch(answers: Answer[] | ((sent: Sent, index: number) => Answer)) {
  const sent: Sent[] = [];
  const fetch = async (input: Request): Promise<Response> => {
    const request = input;
    const record: Sent = {
      method: request.method,
      url: request.url,
      authorization: request.headers.get('authorization'),
      idempotencyKey: request.headers.get('idempotency-key'),
      body: await request.text(),
    };
    sent.push(record);
    const answer = Array.isArray(answers) ? answers[sent.length - 1] : answers(record, sent.length - 1);
    if (!answer) throw new Error(`fake fetch: no answer scripted for request ${sent.length}`);
    const isProblem = answer.status >= 400;
    return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), {
      status: answer.status,
      headers: {
        'Content-Type': isProblem ? 'application/problem+json' : 'application/json',
        ...answer.headers,
      },
    });
  };
  return { fetch: fetch as unknown as typeof globalThis.fetch, sent };
}

export const problem = (status: number, title: string) => ({ type: 'about:blank', title, status });
