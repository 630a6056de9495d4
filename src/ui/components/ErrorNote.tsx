import type { ErrorCode } from '../../shared/errors';
import { errorText } from '../error-text';

interface Props {
  /** A plain sentence (an invalid entry) … */
  message?: string | null;
  /** … or a coded error from the background, shown with its cause and the fix. */
  error?: { code: ErrorCode; message: string } | null;
}

/** An error the user can read and act on; announced to screen readers. */
export function ErrorNote({ message, error }: Props) {
  if (error) {
    const text = errorText(error);
    return (
      <div class="error-note" role="alert">
        <strong class="error">{text.title}</strong>
        <p>{text.fix}</p>
        {text.detail && text.detail !== text.title && <p class="detail">{text.detail}</p>}
      </div>
    );
  }
  if (!message) return null;
  return (
    <p class="error" role="alert">
      {message}
    </p>
  );
}
