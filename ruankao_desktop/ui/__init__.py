"""The Qt face of the application. Everything here talks to `core.services`, never to the database."""
