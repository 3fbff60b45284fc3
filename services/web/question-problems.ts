// The question service refuses bad input with an English RequestError that starts with the field
// (`questions[0].text: at most 20000 characters, got 100000`); the pages show it in Dutch at that field.
import { RequestError } from '../request-error.js';
import type { FieldNames } from './forms.js';
import { QUESTION_PROBLEM_TEXTS, type PageError } from './messages.js';

const FIELD_MESSAGE = /^(?:questions\[\d+\]\.)?([a-z_.]+): (.*)$/s;
const TOO_LONG = /at most (\d+) characters(?:, got (\d+))?/;

/** The Dutch problem text for one refusal of the service, by the field it names and what it says. */
function problemText(field: string, message: string, status: number): string {
  const texts = QUESTION_PROBLEM_TEXTS;
  if (status === 409)
    return /has no answer yet/.test(message)
      ? texts['not.answered']()
      : /already answered/.test(message)
        ? texts['answered.already']()
        : texts.closed();
  const long = TOO_LONG.exec(message);
  switch (field) {
    case 'text':
      return long ? texts['text.long'](long[1]!, long[2] ?? '?') : texts['text.empty']();
    case 'answer':
      return long ? texts['answer.long'](long[1]!) : texts['answer.empty']();
    case 'channel':
      return texts['channel.unknown']();
    case 'team':
      return long ? texts['field.long'](long[1]!) : texts['team.unknown']();
    case 'contact.email':
      return long ? texts['field.long'](long[1]!) : texts['email.invalid']();
    case 'callback.by':
      return texts['when.invalid']();
    case 'external_id':
      return texts['form.incomplete']();
    case 'how':
      return texts['how.unknown']();
    case 'to':
      return texts['to.empty']();
    case 'status':
      return texts['status.unknown']();
    case 'topic':
      return texts['topic.unknown']();
    case 'cursor':
      return texts['cursor.invalid']();
    case 'faq_id':
      return /^choose/.test(message)
        ? texts['faq.empty']()
        : /not published/.test(message)
          ? texts['faq.unpublished']()
          : texts['faq.unknown']();
    case 'q':
      return texts['faq.search']();
    default:
      return long ? texts['field.long'](long[1]!) : texts.other();
  }
}

/**
 * A refusal as the page shows it: linked to the form field it concerns (`names` maps the service's field names to
 * the form's ids and labels; `fallback` is where a problem without a field points). Anything that is not a
 * refusal of the request is thrown again, so real failures reach the error page and the log.
 */
export function questionProblem(
  error: unknown,
  names: FieldNames,
  fallback: { id: string; label: string },
): { status: number; errors: PageError[]; invalid: Record<string, true> } {
  if (!(error instanceof RequestError) || (error.statusCode !== 400 && error.statusCode !== 409)) throw error;
  const match = FIELD_MESSAGE.exec(error.message);
  const field = match ? match[1]! : '';
  const target = names[field] ?? (field === 'external_id' ? names.text : undefined) ?? fallback;
  const message = problemText(field, match ? match[2]! : error.message, error.statusCode);
  if (field === '' && /give a team, an assignee/.test(error.message)) {
    return {
      status: 400,
      errors: [{ ...target, message: QUESTION_PROBLEM_TEXTS['reassign.empty']() }],
      invalid: { [target.id]: true },
    };
  }
  return {
    status: error.statusCode,
    errors: [{ id: target.id, label: target.label, message }],
    invalid: { [target.id]: true },
  };
}
