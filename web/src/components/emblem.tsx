/** The product mark: a gold star on red, as on Vietnamese public-service portals. */
export function Emblem({ size = 40 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" style={{ flex: 'none' }}>
      <circle cx="16" cy="16" r="15" fill="#c62828" stroke="#ffd54f" strokeWidth="1.5" />
      <path d="M16 6.5l2.35 7.2h7.6l-6.15 4.45 2.35 7.2L16 20.9l-6.15 4.45 2.35-7.2-6.15-4.45h7.6z" fill="#ffd54f" />
    </svg>
  );
}
