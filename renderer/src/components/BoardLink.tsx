// On a supervisor station in browser mode: the way to the central server's supervisor board
// (in the Electron app the shell opens the board itself). Shown before and after sign-in:
// supervisors sign in on the board with their central account.
import { useTranslation } from 'react-i18next';
import { boardTarget } from '../../../shared/board/board-url';

export function BoardLink({ server }: { server: string | undefined }) {
  const { t } = useTranslation();
  const target = boardTarget(server);
  return (
    <div className="banner board-link" data-testid="board-link">
      <strong>{t('board.open.title')}</strong>
      {'url' in target ? (
        <>
          <span>{t('board.open.help')}</span>
          <a className="btn btn-primary btn-big" href={target.url}>
            {t('board.open.link')}
          </a>
        </>
      ) : (
        <span>{t('board.open.noServer')}</span>
      )}
    </div>
  );
}
