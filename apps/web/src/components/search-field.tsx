import { Icon, Input, type InputPropTypes } from '@ui5/webcomponents-react';
import { LIMITS } from '@tcc/shared';
import { useEffect, useState } from 'react';
import '@ui5/webcomponents-icons/dist/v5/search.js';

interface SearchFieldProps {
  label: string;
  onSearch: (q: string) => void;
}

/** Sends the search text to the server 300 ms after the last keystroke, not on every key. */
export function SearchField({ label, onSearch }: SearchFieldProps) {
  const [text, setText] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => onSearch(text.trim()), 300);
    return () => clearTimeout(timer);
  }, [text, onSearch]);
  const handleInput: InputPropTypes['onInput'] = (event) => setText(event.target.value);
  return (
    <Input
      type="Search"
      value={text}
      onInput={handleInput}
      accessibleName={label}
      placeholder={label}
      maxlength={LIMITS.searchTextMax}
      showClearIcon
      icon={<Icon name="search" />}
      className="search-field"
    />
  );
}
