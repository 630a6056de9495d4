interface Props {
  message: string | null | undefined;
}

/** An error the user can read and act on; announced to screen readers. */
export function ErrorNote({ message }: Props) {
  if (!message) return null;
  return (
    <p class="error" role="alert">
      {message}
    </p>
  );
}
