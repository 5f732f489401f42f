import { AUTH_LIMITS } from '@tcc/shared';
import { BusyIndicator, Button, Card, CardHeader, FlexBox, Text } from '@ui5/webcomponents-react';
import { useRef, useState, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { ErrorStrip } from '../../../components/error-strip';
import { FormInput } from '../../../components/form-input';
import { safeNextPath } from '../../../config/paths';
import { t } from '../../../i18n';
import { apiFieldError, loadContracts } from '../../../lib/api-client';
import { focusFirstInvalid } from '../../../utils/focus';
import { fieldErrors } from '../../../utils/zod-errors';
import { useSignIn } from '../api/sign-in';

type Field = 'username' | 'password';

/** A centered card with the two fields; after signing in the user goes back to `?next=` (or the tenants). */
export function SignInPage() {
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const next = searchParams.get('next');
  const [values, setValues] = useState<Record<Field, string>>({ username: '', password: '' });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const signIn = useSignIn();
  // Set while the schema loads on the first submit, so that a second Enter does not send the form twice.
  const checking = useRef(false);

  const change = (field: Field) => (value: string) => {
    setValues((prev) => ({ ...prev, [field]: value }));
    setErrors((prev) => ({ ...prev, [field]: undefined }));
  };

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (signIn.isPending || checking.current) return;
    // The shared schema comes with the contracts chunk, on the first submit (it is not needed to show the form).
    checking.current = true;
    // Should the chunk not load, the request below fails the same way and its network error shows in the strip.
    const contracts = await loadContracts()
      .catch(() => null)
      .finally(() => (checking.current = false));
    const parsed = contracts?.SignInSchema.safeParse(values);
    if (parsed && !parsed.success) {
      const found = fieldErrors(parsed.error) as Partial<Record<Field, string>>;
      setErrors(found);
      return focusFirstInvalid((['username', 'password'] as const).filter((f) => found[f]).map((f) => `sign-in-${f}`));
    }
    setErrors({});
    signIn.mutate(parsed?.data ?? values, {
      onSuccess: () => navigate(safeNextPath(next), { replace: true }),
      onError: () => setValues((prev) => ({ ...prev, password: '' })),
    });
  };

  return (
    <div className="sign-in">
      <Card className="sign-in-card" header={<CardHeader titleText={t('auth.signIn.title')} subtitleText={t('auth.signIn.subtitle')} />}>
        <BusyIndicator active={signIn.isPending} delay={200} text={t('auth.signIn.busy')} className="full-width">
          {/* A real form: Enter in either field submits (UI5 inputs request the submit), noValidate keeps the browser's own bubbles away. */}
          <form noValidate onSubmit={(event) => void submit(event)} className="sign-in-form" aria-label={t('auth.signIn.title')}>
            <FlexBox direction="Column" className="sign-in-fields">
              {next && next !== '/' && <Text className="muted">{t('auth.signIn.returnHint')}</Text>}
              <FormInput
                id="sign-in-username"
                name="username"
                label={t('auth.signIn.username')}
                value={values.username}
                onChange={change('username')}
                error={errors.username ?? apiFieldError(signIn.error, 'username')}
                maxlength={AUTH_LIMITS.usernameMax}
                required
              />
              <FormInput
                id="sign-in-password"
                name="password"
                type="Password"
                label={t('auth.signIn.password')}
                value={values.password}
                onChange={change('password')}
                error={errors.password ?? apiFieldError(signIn.error, 'password')}
                maxlength={AUTH_LIMITS.passwordMax}
                required
              />
              <ErrorStrip error={signIn.error} shownFields={['username', 'password']} />
              <Button type="Submit" design="Emphasized" className="sign-in-submit" disabled={signIn.isPending}>
                {t('auth.signIn.submit')}
              </Button>
            </FlexBox>
          </form>
        </BusyIndicator>
      </Card>
    </div>
  );
}
