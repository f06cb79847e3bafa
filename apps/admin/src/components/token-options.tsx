/** The options of a token filter: "All tokens" (empty value), then each token by its label. */
export function TokenOptions({ tokens }: { tokens: { id: string; label: string }[] }) {
  return (
    <>
      <option value="">All tokens</option>
      {tokens.map((t) => (
        <option key={t.id} value={t.id}>
          {t.label}
        </option>
      ))}
    </>
  );
}
