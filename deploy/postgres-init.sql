-- Run once by the postgres image on an empty data volume: the conversation store's own
-- database (CIN_TRACKER_URL); Rasa creates its events table in it on first start.
CREATE DATABASE cin_tracker OWNER cin;
