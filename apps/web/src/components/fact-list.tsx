import { Label } from '@ui5/webcomponents-react';
import type { ReactNode } from 'react';

export interface Fact {
  label: string;
  value: ReactNode;
}

/** Read-only label/value pairs, as a description list so screen readers pair them. */
export function FactList({ facts, className }: { facts: Fact[]; className?: string }) {
  return (
    <dl className={`fact-list ${className ?? ''}`}>
      {facts.map(({ label, value }) => (
        <div key={label} className="fact">
          <dt>
            <Label showColon>{label}</Label>
          </dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
