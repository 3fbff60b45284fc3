// Like libpq, connect as the operating-system user when the URL names none. node-postgres takes the user from
// $USER, which service managers and containers often leave unset.
import os from 'node:os';
import pg from 'pg';

if (!pg.defaults.user) pg.defaults.user = os.userInfo().username;

export { pg };
