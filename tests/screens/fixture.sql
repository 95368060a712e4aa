-- A small database for the screen tests; today is 2026-09-14 (a Monday).
-- 304's name carries an escape sequence and a carriage return: it must be
-- drawn sanitised. 305's name is long and holds wide (CJK) characters.
INSERT INTO authority(la_code, ons_code, ofsted_urn, name, region_code, region_name, la_type,
                      aliases, stat_neighbours) VALUES
 ('301', 'E09000002', '80454', 'Barking and Dagenham', 'E12000007', 'London', 'London borough',
  '["Barking"]', '["302","303"]'),
 ('302', 'E09000003', '80455', 'Barnet', 'E12000007', 'London', 'London borough', '[]', '["301"]'),
 ('303', 'E09000004', '80456', 'Bexley', 'E12000007', 'London', 'London borough', '[]', '[]'),
 ('304', 'E06000001', '80457', 'Evil' || char(27) || '[31mCouncil' || char(13) || 'X', 'E12000001',
  'North East', 'Unitary authority', '[]', '[]'),
 ('305', 'E06000002', '80458', 'Saint Hélène & Côte 東京都 Borough Council With A Long Name',
  'E12000001', 'North East', 'Unitary authority', '[]', '[]'),
 ('306', 'E06000003', '80459', 'Newtown', 'E12000002', 'North West', 'Unitary authority', '[]', '[]');

INSERT INTO inspection(la_code, inspectorate, type, start_date, overall, leadership, theme) VALUES
 ('301', 'ofsted', 'sif', '2014-06-01', 4, 4, NULL),
 ('301', 'ofsted', 'ilacs_standard', '2019-03-01', 3, 3, NULL),
 ('301', 'cqc', 'jtai', '2023-02-01', NULL, NULL, 'neglect'),
 ('302', 'ofsted', 'ilacs_standard', '2024-01-15', 2, 2, NULL),
 ('303', 'ofsted', 'ilacs_short', '2025-03-10', 4, 4, NULL),
 ('303', 'ofsted', 'monitoring_visit', '2025-07-01', NULL, NULL, NULL),
 ('304', 'ofsted', 'ilacs_standard', '2023-11-20', 1, 1, NULL),
 ('305', 'ofsted', 'ilacs_short', '2026-10-01', 2, 2, NULL),
 ('305', 'ofsted', 'ilacs_standard', '2022-05-09', 2, 2, NULL);
-- The 2014 single inspection also judged the LSCB (the shared partnership judgement).
UPDATE inspection SET partnership = 4 WHERE la_code = '301' AND type = 'sif';

INSERT INTO indicator(level, la_code, region_code, indicator, period, value) VALUES
 ('la', '301', 'E12000007', 'CLA rate per 10000', '2021', 60),
 ('la', '301', 'E12000007', 'CLA rate per 10000', '2022', 64),
 ('la', '301', 'E12000007', 'CLA rate per 10000', '2023', 70),
 ('la', '301', 'E12000007', 'CLA rate per 10000', '2024', 75),
 ('la', '302', 'E12000007', 'CLA rate per 10000', '2021', 40),
 ('la', '302', 'E12000007', 'CLA rate per 10000', '2022', 42),
 ('la', '302', 'E12000007', 'CLA rate per 10000', '2023', 41),
 ('la', '302', 'E12000007', 'CLA rate per 10000', '2024', 39),
 ('la', '303', 'E12000007', 'CLA rate per 10000', '2024', 55),
 ('region', NULL, 'E12000007', 'CLA rate per 10000', '2021', 50),
 ('region', NULL, 'E12000007', 'CLA rate per 10000', '2022', 51),
 ('region', NULL, 'E12000007', 'CLA rate per 10000', '2023', 52),
 ('region', NULL, 'E12000007', 'CLA rate per 10000', '2024', 53),
 ('national', NULL, '', 'CLA rate per 10000', '2021', 67),
 ('national', NULL, '', 'CLA rate per 10000', '2022', 70),
 ('national', NULL, '', 'CLA rate per 10000', '2023', 71),
 ('national', NULL, '', 'CLA rate per 10000', '2024', 70);

INSERT INTO concern(la_code, raised_by, date, severity, summary, closed) VALUES
 ('301', 'cqc', '2026-08-01', 'high', 'Delays in health assessments', NULL),
 ('302', 'ofsted', '2025-01-10', 'low', 'Recording gaps', '2025-03-01');

INSERT INTO inspector(inspector_id, name, inspectorate, role, region) VALUES
 ('OF1', 'Inspector A', 'ofsted', 'HMI', 'E12000007'),
 ('OF2', 'Inspector B', 'ofsted', 'HMI', 'E12000007'),
 ('OF3', 'Inspector C', 'ofsted', 'HMI', 'E12000001'),
 ('CQ1', 'Inspector D', 'cqc', 'inspector', 'E12000007'),
 ('CQ2', 'Inspector E', 'cqc', 'inspector', 'E12000001'),
 ('HM1', 'Inspector F', 'hmicfrs', 'inspector', 'E12000007'),
 ('HM2', 'Inspector G', 'hmicfrs', 'inspector', 'E12000007'),
 ('PR1', 'Inspector H', 'hmi_probation', 'inspector', 'E12000007');

INSERT INTO absence(inspector_id, from_date, to_date, kind) VALUES
 ('OF1', '2026-09-21', '2026-09-25', 'leave'),
 ('CQ2', '2026-09-28', '2026-10-09', 'training');

INSERT INTO import_log(at, user, file, sha256, kind, inserted, updated, unchanged, rejected, outcome)
VALUES
 ('2026-09-01T09:00:00Z', 'amy', 'authorities.csv', 'ab12', 'authorities', 6, 0, 0, 0, 'ok'),
 ('2026-09-02T10:30:00Z', 'amy', 'bad.csv', 'cd34', 'inspections', 0, 0, 0, 2, 'failed');
