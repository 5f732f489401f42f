// The yardstick for the app's first-load JavaScript: the same UI5 stack, set up as the app and UI5's vite-ts example
// do (local assets and fonts, ThemeProvider), showing a ShellBar, a Table and a Wizard and nothing else. Built by
// scripts/build.mjs into dist-bare/ with the app's Vite config; scripts/first-load.mjs compares the two. Never served.
import '@ui5/webcomponents-react/dist/Assets.js';
import '../ui5-fonts.css';
import {
  ShellBar,
  ShellBarBranding,
  Table,
  TableCell,
  TableHeaderCell,
  TableHeaderRow,
  TableRow,
  ThemeProvider,
  Wizard,
  WizardStep,
} from '@ui5/webcomponents-react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ThemeProvider>
      <ShellBar branding={<ShellBarBranding>Bare UI5</ShellBarBranding>} />
      <Table
        headerRow={
          <TableHeaderRow>
            <TableHeaderCell>Name</TableHeaderCell>
            <TableHeaderCell>State</TableHeaderCell>
          </TableHeaderRow>
        }
      >
        <TableRow>
          <TableCell>One</TableCell>
          <TableCell>Ready</TableCell>
        </TableRow>
      </Table>
      <Wizard>
        <WizardStep titleText="First" selected>
          First step
        </WizardStep>
        <WizardStep titleText="Second">Second step</WizardStep>
      </Wizard>
    </ThemeProvider>
  </StrictMode>,
);
