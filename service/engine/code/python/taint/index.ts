// Taint rules for Flask, Django, FastAPI, Bottle, Tornado and WSGI code: request data reaching SQL,
// commands, code evaluation, file paths, redirects, templates, HTML, deserialisers, outgoing requests
// and XML parsers, on the shared taint core (../../taint).
import type { PyRule } from '../context';
import { taintDeserialization, taintSsrf, taintXxe } from './rules-data';
import { taintCode, taintCommand, taintSql } from './rules-injection';
import { taintPath, taintRedirect, taintSsti, taintXss } from './rules-web';

export const pythonTaintRules: readonly PyRule[] = [taintSql, taintCommand, taintCode, taintPath, taintRedirect, taintSsti, taintXss, taintDeserialization, taintSsrf, taintXxe];
