import { Button, FlexBox, Text } from '@ui5/webcomponents-react';
import { t } from '../i18n';
import '@ui5/webcomponents-icons/dist/v5/navigation-left-arrow.js';
import '@ui5/webcomponents-icons/dist/v5/navigation-right-arrow.js';

interface PagerProps {
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
}

/** Shown only when there is more than one page. */
export function Pager({ page, pageSize, total, onPage }: PagerProps) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (total <= pageSize) return null;
  return (
    <FlexBox alignItems="Center" justifyContent="End" className="pager">
      <Button design="Transparent" icon="navigation-left-arrow" accessibleName={t('common.previousPage')} tooltip={t('common.previousPage')} disabled={page <= 1} onClick={() => onPage(page - 1)} />
      <Text>{t('common.pageOf', { page, pages })}</Text>
      <Button design="Transparent" icon="navigation-right-arrow" accessibleName={t('common.nextPage')} tooltip={t('common.nextPage')} disabled={page >= pages} onClick={() => onPage(page + 1)} />
    </FlexBox>
  );
}
