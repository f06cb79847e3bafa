export function SandboxBanner() {
  return (
    <div className="sandbox-banner" role="note" aria-label="Sandbox mode">
      <strong>SANDBOX</strong> Sandbox mode: no real SMS or calls are sent; messages go to the built-in Vonage simulator.
    </div>
  );
}
