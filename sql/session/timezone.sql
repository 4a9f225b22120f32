-- Every time lpa shows is in Europe/Amsterdam.
SET GLOBAL TimeZone = 'Europe/Amsterdam'
