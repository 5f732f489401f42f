import { Breadcrumbs, BreadcrumbsItem, type BreadcrumbsPropTypes } from '@ui5/webcomponents-react';
import { useNavigate } from 'react-router';

export interface Crumb {
  text: string;
  /** Absent on the current page (the last crumb). */
  href?: string;
}

/** Breadcrumbs that navigate inside the SPA instead of reloading the page. `slot` is forwarded: UI5 slots need it on the outer element. */
export function PageBreadcrumbs({ items, slot }: { items: Crumb[]; slot?: string }) {
  const navigate = useNavigate();
  const handleClick: BreadcrumbsPropTypes['onItemClick'] = (event) => {
    const href = event.detail.item.href;
    if (!href || event.detail.ctrlKey || event.detail.metaKey) return;
    event.preventDefault();
    navigate(href);
  };
  return (
    <Breadcrumbs slot={slot} onItemClick={handleClick}>
      {items.map((item) => (
        <BreadcrumbsItem key={item.text} href={item.href}>
          {item.text}
        </BreadcrumbsItem>
      ))}
    </Breadcrumbs>
  );
}
