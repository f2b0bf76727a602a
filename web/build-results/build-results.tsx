import * as React from 'react';
import { bootstrap } from '../common/bootstrap';
import { readCodeAnalysisLogs } from './build-artifacts';
import { buildFromConfiguration, type BuildRef } from './build-scan';
import { BuildResultsPage } from './BuildResultsPage';
import './build-results.css';

void bootstrap(async (host) => {
  // The host calls back with the build now and again when it updates: the page follows the latest.
  let rerender: ((b: BuildRef) => void) | undefined;
  const first = await buildFromConfiguration(host.configuration, (b) => rerender?.(b));
  function Tab(): JSX.Element {
    const [build, setBuild] = React.useState(first);
    React.useEffect(() => {
      rerender = setBuild;
      return () => {
        rerender = undefined;
      };
    }, []);
    return <BuildResultsPage build={build} readArtifact={(b) => readCodeAnalysisLogs(b.project.id, b.id)} />;
  }
  return <Tab />;
});
